import Pipeline
print("bench: not yet")
