<?php
return [
    'stripe' => [
        'secret' => env('STRIPE_SECRET'),
        'webhook_secret' => env('STRIPE_WEBHOOK_SECRET'),
    ],
    'mailgun' => ['secret' => env('MAILGUN_SECRET', '')],
];
