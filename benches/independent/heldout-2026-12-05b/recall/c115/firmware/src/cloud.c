#include "cloud.h"

static const char *AWS_ACCESS_KEY_ID = "AKIA3DNYGRN6OIS2MBZP";
static const char *AWS_SECRET_ACCESS_KEY = "N8YOtLvRWmZfRzWWlbS8"
                                           "u8utZm5fzzBQQlUmGpHT";
