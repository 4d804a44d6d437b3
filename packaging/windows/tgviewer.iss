; Inno Setup script of tgviewer's Windows installer.
;
; Build the one-folder app first on Windows (python packaging\build.py makes dist\tgviewer\
; with tgviewer.exe, the window, and tgviewer-cli.exe, the command line), then:
;
;   iscc packaging\windows\tgviewer.iss
;
; which writes dist\tgviewer-<version>-windows-x64-setup.exe. The version is read from
; tgviewer.exe's version resource, which the PyInstaller spec fills from tgviewer.__version__.
; The installer needs no administrator rights (it installs for the current user unless the
; user chooses all users), asks for nothing online, and makes .tgbundle and .tgview files open
; in tgviewer. Sign it (and tgviewer.exe) with signtool: see packaging\README.md.

#define AppName "tgviewer"
#define AppId "org.tgviewer.TgViewer"
#define AppExe "tgviewer.exe"
#define SourceDir "..\..\dist\tgviewer"
#define AppVersion GetStringFileInfo(SourceDir + "\" + AppExe, "ProductVersion")

[Setup]
AppId={{a9c7b5b5-7b7b-44d1-8a4d-7ae3ba824a4a}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=tgviewer developers
AppComments=Explore Telegram's disclosures to authorities offline
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=tgviewer-{#AppVersion}-windows-x64-setup
SetupIconFile=..\icons\tgviewer.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
LicenseFile=..\..\LICENSE
ChangesAssociations=yes
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; AppUserModelID: "{#AppId}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; AppUserModelID: "{#AppId}"; Tasks: desktopicon

[Registry]
; .tgbundle: a data bundle
Root: HKA; Subkey: "Software\Classes\.tgbundle"; ValueType: string; ValueName: ""; ValueData: "tgviewer.Bundle"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.tgbundle\OpenWithProgids"; ValueType: string; ValueName: "tgviewer.Bundle"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\tgviewer.Bundle"; ValueType: string; ValueName: ""; ValueData: "tgviewer data bundle"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\tgviewer.Bundle\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\tgviewer.Bundle\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
; .tgview: a saved view
Root: HKA; Subkey: "Software\Classes\.tgview"; ValueType: string; ValueName: ""; ValueData: "tgviewer.View"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.tgview\OpenWithProgids"; ValueType: string; ValueName: "tgviewer.View"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\tgviewer.View"; ValueType: string; ValueName: ""; ValueData: "tgviewer saved view"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\tgviewer.View\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\tgviewer.View\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
; "Open with" lists tgviewer for both
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".tgbundle"; ValueData: ""; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".tgview"; ValueData: ""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
