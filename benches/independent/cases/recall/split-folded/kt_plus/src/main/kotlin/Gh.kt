val token = "ghp_AbTGlZMOFJy" +
    "XfqWStbY8nEKPQNegeh2h9NN0"
