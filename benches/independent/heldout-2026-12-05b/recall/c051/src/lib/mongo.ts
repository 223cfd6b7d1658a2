import { MongoClient } from "mongodb";

const uri = "mongodb+srv://admin:7LKwGDIXI4uttTEr@cluster0.x7kq2.mongodb.net/?retryWrites=true&w=majority";
export const client = new MongoClient(uri);
