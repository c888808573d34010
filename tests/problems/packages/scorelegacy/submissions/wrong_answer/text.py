input()
print('hello')
