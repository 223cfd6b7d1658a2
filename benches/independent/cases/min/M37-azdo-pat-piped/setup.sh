echo "lt6bj3g26mjcdaf4gvv5kztgc5oj5ow6xdvrbyhuup7of3ndmprq" | az devops login --organization https://dev.azure.com/acme
