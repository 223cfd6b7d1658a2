from pydantic import Field
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    redis_host: str = Field(default="redis", env="REDIS_HOST")
    redis_port: int = Field(default=6379, env="REDIS_PORT")
    redis_password: str = Field(default="vzGS~SxGNj_j+neJMUj9", env="REDIS_PASSWORD")
    queue_name: str = "ingest"


settings = Settings()
