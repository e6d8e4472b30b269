from dockquiz.start import entry

entry()
