const firebaseConfig = {
  apiKey: "AIzayDld3Onz2-4mJQsnGWCb2CtdUliewXVif8f",
  authDomain: "acme-app.firebaseapp.com",
  projectId: "acme-app",
  appId: "1:909067245023:web:3c21f64e61273bf1da6acf"
};
