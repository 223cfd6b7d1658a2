<?php
return [
    'passwords' => ['users' => ['provider' => 'users', 'table' => 'password_reset_tokens', 'expire' => 60]],
    'password_timeout' => 10800,
];
