const url = `mongodb://${user}:${encodeURIComponent(pass)}@${host}:27017/app`;
