"""View models: what each view shows, computed once from (bundle, state).

Also the words around a chart, the data behind it, and stepping through time.
"""
