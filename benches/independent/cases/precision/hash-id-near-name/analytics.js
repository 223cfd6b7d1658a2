gtag("config", "G-89YLUZXTRA"); mixpanel.init("662c4a700abdcac2d69ef52e7fb57c6a");
