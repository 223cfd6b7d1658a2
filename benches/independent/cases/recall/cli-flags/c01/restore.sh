#!/bin/sh
mysql -uroot -p'1xCrS1z8^wj635nf' shop < shop.sql
