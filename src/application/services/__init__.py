"""Steps several use cases share (policy, announcing, claiming seats): not use cases themselves."""
