"""Kyrgyz dates and numbers as Kyrgyz writes them (see portal/formats/__init__.py).

Django's date format letters are Latin, so the Cyrillic words need no escaping. `E` is the
month after a day ("июлу"), `F` the month's name ("июль").
"""

DATE_FORMAT = "Y-жылдын j-E"  # 2025-жылдын 21-июлу
DATETIME_FORMAT = "Y-жылдын j-E, H:i"  # 2025-жылдын 21-июлу, 14:30
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "Y-жылдын F айы"  # 2025-жылдын июль айы
MONTH_DAY_FORMAT = "j-F"  # 21-июль
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1  # Дүйшөмбү

# 1 234,5: a comma before the decimals, a no-break space between thousands.
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
