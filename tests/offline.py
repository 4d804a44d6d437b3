"""A Python boot script that runs tgviewer's ``main`` in a fresh process with the network cut.

Used by the tests that start real processes: any attempt to connect or resolve a name ends
the process with "NETWORK USED" on stderr.
"""

OFFLINE_BOOT = """
import socket, sys
def refuse(*a, **k):
    raise SystemExit("NETWORK USED")
socket.socket.connect = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
from tgviewer.cli.main import main
sys.exit(main(sys.argv[1:]))
"""
