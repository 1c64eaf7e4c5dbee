import sys

from checkpoint_app.app import main

sys.exit(main())
