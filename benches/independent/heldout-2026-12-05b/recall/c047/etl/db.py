from sqlalchemy import create_engine

engine = create_engine(
    "postgresql+psycopg2://etl:puUJQye#^G7~U8@warehouse.internal:5432/analytics",
    pool_pre_ping=True,
)
