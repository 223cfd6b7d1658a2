<?php
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'wp' );
define( 'AUTH_KEY',         'SJ^P59G5NM6n07ks[M+8[K[|~0[OyutSg_[.Vv9O(37d&bE8h3s0|;P)Y:Ca}&W,' );
define( 'WP_DEBUG', false );
