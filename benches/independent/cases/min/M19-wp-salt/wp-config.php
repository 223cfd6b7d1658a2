<?php
define('AUTH_KEY', 'k#9Lq@2Zx!m7Pw^T4vN&8Rb*3Yc(5Hd)6Jf-0Gs+1Kt=Eu{Vw}Xy[Az]Bq<Cr>Ds');
