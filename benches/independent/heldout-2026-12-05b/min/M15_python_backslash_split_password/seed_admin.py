password = "aNGTzzTWcV" \
    "*!w!fnrj3d"
