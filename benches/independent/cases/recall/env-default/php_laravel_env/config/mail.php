<?php

return [
    'mailers' => [
        'smtp' => [
            'transport' => 'smtp',
            'host' => env('MAIL_HOST', 'smtp.mailgun.org'),
            'username' => env('MAIL_USERNAME', 'postmaster@mg.acme-corp.com'),
            'password' => env('MAIL_PASSWORD', 'W1DfMsFIrW6AC-PU'),
        ],
    ],
];
