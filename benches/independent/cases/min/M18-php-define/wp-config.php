<?php
define( 'DB_PASSWORD', 'Rk7q2ZxLm9PwT4vN' );
