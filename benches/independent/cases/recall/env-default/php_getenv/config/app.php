<?php

return [
    'db' => [
        'host' => getenv('DB_HOST') ?: '127.0.0.1',
        'password' => getenv('DB_PASSWORD') ?: 'X45RHnzDXzZNiB_F',
    ],
];
