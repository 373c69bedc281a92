# expect: RE  os._exit(0) at import leaves no answer
import os

os._exit(0)
