from santenum.cli import main

raise SystemExit(main())
