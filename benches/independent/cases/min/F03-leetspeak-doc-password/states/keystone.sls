admin:
  keystone.user_present:
    - password: R00T_4CC3SS
