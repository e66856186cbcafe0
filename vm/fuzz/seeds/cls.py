class A(B, metaclass=M):
    def m(self):
        return super().m()
