# Class decorators that modify or register classes.
registry = {}
def register(cls):
    registry[cls.__name__] = cls
    return cls
def add_greeting(cls):
    cls.greet = lambda self: "hello from " + type(self).__name__
    return cls
def with_tag(tag):
    def deco(cls):
        cls.tag = tag
        return cls
    return deco
@register
@add_greeting
@with_tag("v1")
class Service:
    pass
print(sorted(registry), Service().greet(), Service.tag)
def singleton(cls):
    instances = {}
    def get(*a):
        if cls not in instances:
            instances[cls] = cls(*a)
        return instances[cls]
    return get
@singleton
class Config:
    def __init__(self, v):
        self.v = v
print(Config(1) is Config(2), Config(3).v)
