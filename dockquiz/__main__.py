from dockquiz.cli import entry

entry()
