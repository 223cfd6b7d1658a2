const mongoose = require("mongoose");
mongoose.connect("mongodb+srv://app-user:aTRMm23xZala1ylvP0Py@cluster0.x8k2p.mongodb.net/prod?retryWrites=true&w=majority");
