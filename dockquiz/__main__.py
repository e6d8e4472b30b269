from dockquiz.cli import main

raise SystemExit(main())
