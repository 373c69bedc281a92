# expect: RE  sys.exit(0) at import is not a clean pass
import sys

sys.exit(0)
