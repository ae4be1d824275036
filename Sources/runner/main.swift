import Pipeline
print("runner: not yet")
