"""News pages saved as browser text dumps: classify the lines, find the article's densest run."""
