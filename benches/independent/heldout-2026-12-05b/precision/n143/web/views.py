csrf_token = "{{ csrf_token }}"
page_token = "CAEQAA"
next_token = "eyJvZmZzZXQiOjEwMH0="
