<?php
$client = SearchClient::create('RJI3HT3V3N', '1217d7cfdf4abc074a153f612ff40563');
