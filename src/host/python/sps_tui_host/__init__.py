"""The sps-tui plugin host: runs SPS plugin hooks the way SPS does.

Python 3.6 syntax and the standard library only: it runs under whatever
interpreter the plugin targets.
"""
