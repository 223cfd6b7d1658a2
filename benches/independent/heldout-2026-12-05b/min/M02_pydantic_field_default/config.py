from pydantic import Field
from pydantic_settings import BaseSettings

class Settings(BaseSettings):
    redis_password: str = Field(default="vzGS~SxGNj_j+neJMUj9", env="REDIS_PASSWORD")
