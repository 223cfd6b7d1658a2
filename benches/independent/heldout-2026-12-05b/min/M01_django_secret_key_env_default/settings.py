import os
SECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', '9=mgywp+wfybkbyyjf2g3)t2)i7swisiwns#revf=+2evcsow6')
