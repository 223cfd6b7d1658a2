import factory

class UserFactory(factory.Factory):
    password = factory.Faker("password", length=16)
    api_key = factory.LazyFunction(lambda: secrets.token_urlsafe(32))
