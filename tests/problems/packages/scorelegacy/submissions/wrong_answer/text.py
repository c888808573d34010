input()
print("hello")
