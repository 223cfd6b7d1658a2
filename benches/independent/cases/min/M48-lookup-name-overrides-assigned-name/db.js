const password = process.env.PGPASSWORD || "Nkc8uYfH7eYqNEhp";
