<?php
define('AUTH_KEY',         '7E1DXEB*:{A%n8$P,>8Xu,qbR4M;1*Epl<}kcLP//>^D&~_+F=v9X+;Q}4-I3uX2');
