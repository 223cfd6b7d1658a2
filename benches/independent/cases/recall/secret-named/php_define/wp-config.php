<?php
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'wp' );
define( 'DB_PASSWORD', 'i2EmQbE0UZN6N#pN' );
define( 'DB_HOST', 'localhost' );
