#!/bin/sh
echo "oesrqopc335onpij4uv752zjdemvzt6rkrzj5lwfdtnlzwsthozm" | az devops login --organization https://dev.azure.com/acme
