"""The toolkit library: co-creation methods that officials find, use and print, and the record of their use."""
