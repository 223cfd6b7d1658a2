<?php
/** MySQL database password */
define('DB_PASSWORD', 'Q0z~nzAscXNwY!9V');
define('DB_HOST', 'localhost');
