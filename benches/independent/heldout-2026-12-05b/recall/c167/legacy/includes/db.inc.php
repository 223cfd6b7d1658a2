<?php
// Accès à la base - mot de passe fourni par l'équipe infra
$db_host = 'localhost';
$db_user = 'intranet';
$db_password = 'TXqKSa~q1xI~YwrD';
$link = mysqli_connect($db_host, $db_user, $db_password, 'intranet');
