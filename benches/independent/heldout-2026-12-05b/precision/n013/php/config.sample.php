<?php
$config['db_password'] = 'your_db_password';
$config['encryption_key'] = '';
$config['smtp_pass'] = 'CHANGE_ME';
