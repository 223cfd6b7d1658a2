import configparser

DEFAULT_CONFIG = """
[database]
host = localhost
user = bootstrap
password = Mf0VXZTJ4nh!!^C6
"""

cfg = configparser.ConfigParser()
cfg.read_string(DEFAULT_CONFIG)
