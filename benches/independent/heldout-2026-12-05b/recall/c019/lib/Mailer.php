<?php
require __DIR__ . '/../vendor/autoload.php';

use PHPMailer\PHPMailer\PHPMailer;

function mailer(): PHPMailer {
    $m = new PHPMailer(true);
    $m->isSMTP();
    $m->Host = getenv('MAIL_HOST') ?: 'smtp.sendgrid.net';
    $m->SMTPAuth = true;
    $m->Username = getenv('MAIL_USERNAME') ?: 'apikey';
    $m->Password = getenv('MAIL_PASSWORD') ?: 'Cszd2BY9Ovm-8~y';
    $m->Port = 587;
    return $m;
}
